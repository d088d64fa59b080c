package com.rushgate.core.app;

import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;

/**
 * The answer to a {@link ParticipateCommand}.
 *
 * @param requestId the request, the same for every submission of the same (eventId, userId)
 * @param status    its status after this call
 * @param created   true when this call created it, false for a duplicate
 */
public record Participation(RequestId requestId, RequestStatus status, boolean created) {
}
