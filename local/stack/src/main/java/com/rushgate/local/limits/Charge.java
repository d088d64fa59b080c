package com.rushgate.local.limits;

/**
 * Capacity units one call takes from one table or index: on its partition (the key value the
 * item lives under there) and on the table's (or index's) own throughput.
 *
 * @param index     the GSI's name, or null for the base table
 * @param partition the partition key value's canonical form, or null for a call spread over the
 *                  table (a Scan), which counts only against the table
 */
record Charge(String table, String index, String partition, double units, boolean write) {

    /** "RequestTable" or "RequestTable/index/InflightIndex": how counters and ARNs name the resource. */
    String resource() {
        return index == null ? table : table + "/index/" + index;
    }

    Charge times(double factor) {
        return new Charge(table, index, partition, units * factor, write);
    }
}
