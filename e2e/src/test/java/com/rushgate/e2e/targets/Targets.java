package com.rushgate.e2e.targets;

import java.util.Properties;

/**
 * Chooses the run's target once: the deployed stack named by the {@code e2e} profile's properties
 * ({@code -Drushgate.target=deployed} and {@link DeployedConfig}'s), else the local stack.
 */
public final class Targets {

    static final String TARGET = "rushgate.target";
    static final String DEPLOYED = "deployed";

    private static Target current;

    private Targets() {
    }

    public static synchronized Target current() {
        if (current == null) {
            current = choose(System.getProperties());
            System.err.println("end-to-end target: " + current.describe());
        }
        return current;
    }

    static Target choose(Properties properties) {
        String target = properties.getProperty(TARGET, "");
        if (target.equals(DEPLOYED)) {
            return DeployedTarget.connect(DeployedConfig.from(properties));
        }
        if (!target.isBlank() && !target.startsWith("${")) {
            throw new IllegalStateException("-D" + TARGET + " is " + target + ": only " + DEPLOYED
                    + " (set by -Pe2e) or nothing (the local stack)");
        }
        String api = properties.getProperty(DeployedConfig.API, "");
        if (!api.isBlank() && !api.startsWith("${")) {
            // Running the local stack when a deployed one was meant would pass for the wrong reason.
            throw new IllegalStateException("-D" + DeployedConfig.API + " is set without the e2e profile: add -Pe2e ("
                    + DeployedConfig.USAGE + ")");
        }
        return LocalTarget.shared();
    }
}
