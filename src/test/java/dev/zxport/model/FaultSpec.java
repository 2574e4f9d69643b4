package dev.zxport.model;

import dev.zxport.FaultPlan;

/** A generated, shrinkable description of a {@link FaultPlan}, or of none. */
record FaultSpec(Kind kind, long n, long seed) {
    enum Kind { NONE, NTH, EVERY_NTH, RANDOM }

    /** Probability of each allocation failing under {@link Kind#RANDOM}. */
    static final double RANDOM_PROBABILITY = 0.1;

    /** Returns the plan, or null for {@link Kind#NONE}. */
    FaultPlan plan() {
        return switch (kind) {
            case NONE -> null;
            case NTH -> FaultPlan.nth(n);
            case EVERY_NTH -> FaultPlan.everyNth(n);
            case RANDOM -> FaultPlan.random(seed, RANDOM_PROBABILITY);
        };
    }
}
