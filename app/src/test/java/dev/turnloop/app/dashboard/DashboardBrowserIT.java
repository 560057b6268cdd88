package dev.turnloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.app.TurnloopCommand;
import dev.turnloop.app.run.FreePort;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run) against a
 * running demo: the page loads with data, its charts render onto canvases, and a click on an intent drills into its
 * charts and conversations. Screenshots go to target/dashboard*.png.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void pageShowsTheRunningDemoAndDrillsIntoAnIntent() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        Path data = Path.of(System.getProperty("turnloop.data.dir", "../../shared/data"), "sgd", "dev-turns.jsonl.gz");
        assumeTrue(Files.isRegularFile(data), "SGD dev turns not found at " + data + " (set turnloop.data.dir)");

        // Given a demo running with its dashboard on a known port
        int port = FreePort.pick();
        Path summary = temp.resolve("summary.json");
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> new CommandLine(new TurnloopCommand())
                .execute("demo", "--duration", "150s", "--port", String.valueOf(port), "--summary-json",
                        summary.toString()));
        String base = "http://127.0.0.1:" + port + "/";
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("a named intent with closed conversations on the dashboard API")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> namedIntentsWithConversations(http, base) > 0);

        ChromeDriver browser = startChromium();
        try {
            // When the page is opened
            browser.get(base);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

            // Then it lists intents with data, and its charts are drawn on canvases
            List<WebElement> rows = browser.findElements(By.cssSelector("#intents tr.intent-row"));
            assertThat(rows).isNotEmpty();
            assertThat(browser.findElement(By.cssSelector("#overview")).getText()).contains("conversations closed");
            wait.until(d -> drawnCanvases(browser, "#chart-outcomes") > 0);
            int intents = rows.size();
            wait.until(d -> drawnCanvases(browser, "#intents .spark") >= intents);
            screenshot(browser, "dashboard.png");

            // When a published intent is clicked
            WebElement published = rows.stream()
                    .filter(r -> r.findElements(By.cssSelector(".badge.gated")).isEmpty()).findFirst().orElseThrow();
            String intentId = published.getDomAttribute("data-intent");
            published.click();

            // Then its drill-down shows its name, its time-series charts and its recent conversations
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intent-detail")));
            wait.until(d -> !d.findElements(By.cssSelector("#intent-conversations tr.conversation-row")).isEmpty());
            // (labels may change while intents evolve; the id does not)
            wait.until(d -> intentId.equals(d.findElement(By.id("intent-detail")).getDomAttribute("data-intent")));
            assertThat(browser.findElement(By.id("intent-title")).getText()).contains("conversations");
            wait.until(d -> drawnCanvases(browser, "#chart-rates") > 0);
            assertThat(browser.findElement(By.cssSelector("#intent-conversations tbody")).getText())
                    .containsAnyOf("COMPLETED", "ABANDONED", "ESCALATED", "UNKNOWN");
            screenshot(browser, "dashboard-intent.png");
        } finally {
            browser.quit();
        }

        // And the demo ends by itself with a summary of what happened
        assertThat(demo.get(4, TimeUnit.MINUTES)).isZero();
        JsonNode what = JSON.readTree(summary.toFile());
        assertThat(what.path("turns").asLong()).isPositive();
        assertThat(what.path("intents").asInt()).isPositive();
    }

    private static long namedIntentsWithConversations(HttpClient http, String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/intents")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode intents = JSON.readTree(response.body());
        long count = 0;
        for (JsonNode intent : intents) {
            if (intent.path("published").asBoolean() && intent.path("outcomes").size() > 0) {
                count++;
            }
        }
        return count;
    }

    private ChromeDriver startChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // flags for a closed network and a root user: no sandbox, no background calls home
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,2000", "--user-data-dir=" + temp.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Canvases under {@code selector} that hold drawn pixels (ECharts draws every chart on a canvas). */
    private static long drawnCanvases(ChromeDriver browser, String selector) {
        Object drawn = ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll(arguments[0] + ' canvas')].filter(c => {
                  if (c.width === 0 || c.height === 0) return false;
                  const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                  return false;
                }).length;""", selector);
        return ((Number) drawn).longValue();
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
