package com.rushgate.core.aws;

import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.domain.RequestStatus;

/**
 * The item and message mappers the adapters use, run once on the priming request without any I/O,
 * so that SnapStart snapshots them loaded and compiled. Reads of missing keys, which is all priming
 * can do on the tables, never map an item.
 */
public final class ItemMappings {

    private ItemMappings() {
    }

    public static void roundTrip() {
        for (RequestStatus status : RequestStatus.values()) {
            RequestItem.fromItem(RequestItem.toItem(PrimingPorts.request(status), 1));
        }
        EventItem.fromItem(EventItem.toItem(PrimingPorts.event()));
        WorkMessages.decode(WorkMessages.encode(PrimingPorts.message()));
        Timestamps.parse(Timestamps.format(PrimingPorts.ACCEPTED_AT));
    }
}
