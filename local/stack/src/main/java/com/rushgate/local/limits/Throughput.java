package com.rushgate.local.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The token buckets of every partition, table and index, and the admission of a call against all
 * the buckets it touches at once. A partition here is one partition key value: AWS isolates a hot
 * key on a partition of its own, and one partition serves at most its per-partition units, so a
 * hot key is exactly as fast as one partition. The clock is injected: tests move it by hand.
 */
final class Throughput {

    /** Why a call was refused, as AWS names it in ThrottlingReasons, and the exception it comes with. */
    record Throttle(String reason, String resource, String exception) {
    }

    private final AwsLimits limits;
    private final LongSupplier nanos;
    private final Function<String, TableShape> shapes;
    private final Map<String, Bucket> buckets = new HashMap<>();

    Throughput(AwsLimits limits, LongSupplier nanos, Function<String, TableShape> shapes) {
        this.limits = limits;
        this.nanos = nanos;
        this.shapes = shapes;
    }

    /**
     * Takes the charges if every bucket they touch admits them; otherwise takes nothing and says
     * which resources refused (one reason per resource).
     */
    synchronized List<Throttle> reserve(List<Charge> charges) {
        long now = nanos.getAsLong();
        Map<String, Double> perBucket = new HashMap<>();
        Map<String, Charge> example = new HashMap<>();
        for (Charge charge : charges) {
            for (String bucket : bucketsOf(charge)) {
                perBucket.merge(bucket, charge.units(), Double::sum);
                example.putIfAbsent(bucket, charge);
            }
        }
        List<Throttle> refused = new ArrayList<>();
        List<String> refusedResources = new ArrayList<>();
        for (Map.Entry<String, Double> entry : perBucket.entrySet()) {
            if (!bucket(entry.getKey(), example.get(entry.getKey()), now).admits(entry.getValue(), now)) {
                Charge charge = example.get(entry.getKey());
                if (!refusedResources.contains(charge.resource())) {
                    refusedResources.add(charge.resource());
                    refused.add(throttle(charge));
                }
            }
        }
        if (refused.isEmpty()) {
            perBucket.forEach((key, units) -> bucket(key, example.get(key), now).charge(units, now));
        }
        return refused;
    }

    /** Settles a call: gives back what was reserved and takes what it really consumed (which may leave debt). */
    synchronized void settle(List<Charge> reserved, List<Charge> consumed) {
        long now = nanos.getAsLong();
        for (Charge charge : reserved) {
            for (String key : bucketsOf(charge)) {
                bucket(key, charge, now).charge(-charge.units(), now);
            }
        }
        for (Charge charge : consumed) {
            for (String key : bucketsOf(charge)) {
                bucket(key, charge, now).charge(charge.units(), now);
            }
        }
    }

    private static List<String> bucketsOf(Charge charge) {
        String kind = charge.write() ? "w|" : "r|";
        String resource = kind + charge.resource();
        return charge.partition() == null ? List.of(resource) : List.of(resource, resource + "|" + charge.partition());
    }

    private Bucket bucket(String key, Charge charge, long now) {
        // "w|Table" is the table's bucket, "w|Table|<key value>" a partition's.
        return buckets.computeIfAbsent(key, k -> new Bucket(rate(charge, k.indexOf('|', 2) > 0), now));
    }

    private double rate(Charge charge, boolean partition) {
        if (partition) {
            return charge.write() ? limits.partitionWriteUnits() : limits.partitionReadUnits();
        }
        TableShape shape = shapes.apply(charge.table());
        double warmWrites = shape == null ? AwsLimits.ON_DEMAND_WARM_WRITE_UNITS : shape.warmWriteUnits();
        double warmReads = shape == null ? AwsLimits.ON_DEMAND_WARM_READ_UNITS : shape.warmReadUnits();
        return charge.write() ? limits.tableWriteUnits(warmWrites) : limits.tableReadUnits(warmReads);
    }

    private Throttle throttle(Charge charge) {
        String resourceType = charge.index() == null ? "Table" : "Index";
        String operation = charge.write() ? "Write" : "Read";
        long now = nanos.getAsLong();
        Bucket partition = charge.partition() == null ? null
                : buckets.get((charge.write() ? "w|" : "r|") + charge.resource() + "|" + charge.partition());
        boolean partitionFull = partition == null || partition.admits(charge.units(), now);
        TableShape shape = shapes.apply(charge.table());
        double warm = shape == null ? 0 : charge.write() ? shape.warmWriteUnits() : shape.warmReadUnits();
        if (partitionFull && warm > AwsLimits.TABLE_ACCOUNT_QUOTA_UNITS) {
            return new Throttle(resourceType + operation + "AccountLimitExceeded", charge.resource(), "ThrottlingException");
        }
        // A hot key and a table beyond its warm throughput both run out of partitions: DynamoDB
        // answers both with the key range reason.
        return new Throttle(resourceType + operation + "KeyRangeThroughputExceeded", charge.resource(),
                "ProvisionedThroughputExceededException");
    }
}
