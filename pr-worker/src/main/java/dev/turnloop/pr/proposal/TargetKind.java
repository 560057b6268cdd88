package dev.turnloop.pr.proposal;

import dev.turnloop.schemas.Component;

/**
 * The categories of files the worker may edit. The target repository config assigns every editable file one kind,
 * and each proposal type declares which kinds it may edit, so a prompt appender can never touch a harness file.
 */
public enum TargetKind {
    SYSTEM_PROMPT(Component.PROMPT),
    HARNESS_CONFIG(Component.HARNESS),
    WANDB_CONFIG(Component.CONFIG);

    private final Component component;

    TargetKind(Component component) {
        this.component = component;
    }

    /** The component a deployed change of this kind is reported as in a {@code ChangeEvent}. */
    public Component component() {
        return component;
    }
}
