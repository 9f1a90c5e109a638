package org.mailferry.migrate.importers;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the import report: an input entry, what the plan says about it, and after the run what happened.
 * The plan is fixed before anything is written; {@link #result} is set by the {@link Runner} (or stays
 * {@link Result#PLANNED} in a dry run).
 */
final class Entry {
    /** Entries run in phases: domains, then accounts, then everything that refers to accounts. */
    static final int PHASE_DOMAINS = 0;
    static final int PHASE_ACCOUNTS = 1;
    static final int PHASE_OBJECTS = 2;

    enum Plan { CREATE, UPDATE, UNCHANGED, EXISTS, FAIL, UNMAPPED }

    enum Result { PLANNED, CREATED, UPDATED, UNCHANGED, EXISTS, FAILED, UNMAPPED, NOT_WRITTEN, ROLLED_BACK }

    final Source source;
    final String kind;
    final String object;
    final int phase;
    final List<String> notes = new ArrayList<>();
    Plan plan;
    String detail = "";
    List<Step> steps = List.of();
    volatile Result result = Result.PLANNED;
    volatile String error;
    /** How many steps ran successfully (for undo). */
    volatile int done;

    Entry(Source source, String kind, String object, int phase) {
        this.source = source;
        this.kind = kind;
        this.object = object;
        this.phase = phase;
    }

    Entry plan(Plan p, String detail, List<Step> steps) {
        this.plan = p;
        this.detail = detail == null ? "" : detail;
        this.steps = steps;
        return this;
    }

    Entry fail(String reason) {
        return plan(Plan.FAIL, reason, List.of());
    }

    /** Whether this entry counts as failed (planned to fail, or failed when run). */
    boolean failed() {
        return result == Result.FAILED || (result == Result.PLANNED || result == Result.NOT_WRITTEN)
                && plan == Plan.FAIL;
    }

    /** The report's word for the outcome. */
    String outcome(boolean dryRun) {
        if (dryRun || result == Result.PLANNED) {
            return switch (plan) {
                case CREATE -> "would create";
                case UPDATE -> "would update";
                case UNCHANGED -> "unchanged";
                case EXISTS -> "exists, would skip";
                case FAIL -> "would fail";
                case UNMAPPED -> "unmapped";
            };
        }
        return switch (result) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case UNCHANGED -> "unchanged";
            case EXISTS -> "exists, skipped";
            case FAILED -> "failed";
            case UNMAPPED -> "unmapped";
            case NOT_WRITTEN -> plan == Plan.FAIL ? "failed" : "not written";
            case ROLLED_BACK -> "rolled back";
            case PLANNED -> "planned";
        };
    }

    /** The outcome's explanation: the error when the run failed, else the plan's detail. */
    String explanation() {
        return result == Result.FAILED && error != null ? error : detail;
    }
}
