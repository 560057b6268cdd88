package dev.turnloop.pr.backlog;

/**
 * How bad a failure is for the user and the business, coarsest first. The product ranks abandonment, churn risk and
 * wrong information above friction; each class gets a configurable weight in (0, 1] ({@link ScoringSettings}).
 */
public enum SeverityClass {
  /** The user left without what they came for. */
  ABANDONMENT,
  /** The user is unhappy enough to leave the product (strongly negative conversations). */
  CHURN_RISK,
  /** The agent said something false or made up. */
  WRONG_INFORMATION,
  /** The user needed a human. */
  ESCALATION,
  /** The user got there, slower or with repairs. */
  FRICTION
}
