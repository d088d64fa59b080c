package com.rushgate.local.limits;

import com.rushgate.local.limits.TableShape.IndexEntry;
import com.rushgate.local.limits.TableShape.ItemInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The write units a change of one item costs, on the table and on each index, by the developer
 * guide's rules: the larger of the item's size before and after, per started KB (twice in a
 * transaction); an index pays one write when an entry appears, disappears or changes what it
 * projects, and two (a delete and a put) when the item's key in the index changes.
 */
final class WriteCosts {

    private WriteCosts() {
    }

    static List<Charge> of(TableShape shape, String partition, ItemInfo before, ItemInfo after, int factor) {
        ItemInfo old = before == null ? ItemInfo.ABSENT : before;
        ItemInfo neu = after == null ? ItemInfo.ABSENT : after;
        List<Charge> charges = new ArrayList<>();
        charges.add(new Charge(shape.name(), null, partition,
                ItemSize.writeUnits(Math.max(old.size(), neu.size())) * factor, true));
        for (TableShape.Index index : shape.indexes()) {
            IndexEntry o = old.entries().get(index.name());
            IndexEntry n = neu.entries().get(index.name());
            if (o != null && n != null && o.key().equals(n.key())) {
                if (o.digest() != n.digest()) {
                    charges.add(indexWrite(shape, index, n.partition(), Math.max(o.size(), n.size())));
                }
                continue;
            }
            if (o != null) {
                charges.add(indexWrite(shape, index, o.partition(), o.size()));
            }
            if (n != null) {
                charges.add(indexWrite(shape, index, n.partition(), n.size()));
            }
        }
        return charges;
    }

    /**
     * Before the call, when the item after an update is not known yet: the table write at the
     * item's last known size, and one write on each index entry it has (an update in place).
     */
    static List<Charge> estimateUpdate(TableShape shape, String partition, ItemInfo before, int factor) {
        ItemInfo old = before == null ? ItemInfo.ABSENT : before;
        List<Charge> charges = new ArrayList<>();
        charges.add(new Charge(shape.name(), null, partition, ItemSize.writeUnits(old.size()) * factor, true));
        for (TableShape.Index index : shape.indexes()) {
            IndexEntry o = old.entries().get(index.name());
            if (o != null) {
                charges.add(indexWrite(shape, index, o.partition(), o.size()));
            }
        }
        return charges;
    }

    /** Only the table's part of the charges (a failed condition writes no index). */
    static List<Charge> tableOnly(List<Charge> charges) {
        return charges.stream().filter(c -> c.index() == null).toList();
    }

    private static Charge indexWrite(TableShape shape, TableShape.Index index, String partition, int size) {
        return new Charge(shape.name(), index.name(), partition, ItemSize.writeUnits(size), true);
    }
}
