package com.rushgate.core.app;

import com.rushgate.core.domain.RequestId;

/**
 * A user asks where one of their requests stands.
 *
 * @param requestId from the path
 * @param userId    the verified token subject
 */
public record StatusQuery(String requestId, String userId) {

    public StatusQuery {
        if (userId == null || userId.isBlank() || userId.length() > ParticipateCommand.MAX_USER_ID_LENGTH) {
            throw new ClientException(ErrorCode.UNAUTHORIZED, "the token carries no usable subject");
        }
        if (!RequestId.isWellFormed(requestId)) {
            throw new ClientException(ErrorCode.INVALID_REQUEST_ID,
                    "requestId must be rq_ followed by 32 characters of a-z and 2-7");
        }
    }

    public RequestId id() {
        return new RequestId(requestId);
    }
}
