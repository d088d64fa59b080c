package com.rushgate.local.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a bench ran on; every report starts with it. */
record Machine(int cores, long memoryMb, String jdk, String os, String arch, long maxHeapMb) {

    static Machine current() {
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() / (1024 * 1024);
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", cores);
        map.put("memoryMb", memoryMb);
        map.put("jdk", jdk);
        map.put("os", os);
        map.put("arch", arch);
        map.put("maxHeapMb", maxHeapMb);
        return map;
    }

    String describe() {
        return cores + " cores, " + memoryMb + " MB RAM, " + jdk + ", " + os + " " + arch + " (heap up to "
                + maxHeapMb + " MB)";
    }
}
