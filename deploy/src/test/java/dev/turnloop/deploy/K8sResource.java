package dev.turnloop.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** One Kubernetes resource of a manifest file, parsed as plain YAML maps, with navigation that fails clearly. */
record K8sResource(Path file, Map<String, Object> doc) {

    /** Every resource of every file, in order; empty documents are skipped. */
    static List<K8sResource> load(List<Path> files) {
        List<K8sResource> resources = new ArrayList<>();
        for (Path file : files) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
                    if (doc != null) {
                        resources.add(new K8sResource(file, asMap(doc, file + " document")));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return resources;
    }

    /** The resources kustomization.yaml deploys. */
    static List<K8sResource> deployed() {
        Map<String, Object> kustomization = load(List.of(RepoPaths.k8s().resolve("kustomization.yaml"))).get(0).doc();
        return load(asList(kustomization.get("resources"), "resources").stream()
                .map(name -> RepoPaths.k8s().resolve((String) name)).toList());
    }

    /** Every manifest under deploy/k8s: its YAML files but kustomization.yaml, which is not a resource. */
    static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(RepoPaths.k8s())) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static K8sResource find(List<K8sResource> resources, String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " is deployed"));
    }

    static List<K8sResource> ofKind(List<K8sResource> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.kind())).toList();
    }

    String kind() {
        return (String) doc.get("kind");
    }

    String name() {
        return (String) at(doc, "metadata", "name");
    }

    /** The map at a path of keys, e.g. {@code map("spec", "template", "spec")}. */
    Map<String, Object> map(String... path) {
        return asMap(at(doc, path), describe(path));
    }

    List<Object> list(String... path) {
        return asList(at(doc, path), describe(path));
    }

    String describe(String... path) {
        Object metadata = doc.get("metadata");
        String name = metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : file.getFileName().toString();
        return kind() + " " + name + " ." + String.join(".", path);
    }

    static Object at(Map<String, Object> from, String... path) {
        Object node = from;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("missing '" + key + "' on the path " + String.join(".", path));
            }
            node = map.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node, String what) {
        if (!(node instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object node, String what) {
        if (!(node instanceof List)) {
            throw new AssertionError(what + " is not a list: " + node);
        }
        return (List<Object>) node;
    }
}
