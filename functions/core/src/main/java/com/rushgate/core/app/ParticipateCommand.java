package com.rushgate.core.app;

import com.rushgate.core.domain.Event;

/**
 * One user asks to take part in one event.
 *
 * @param eventId   from the path; {@code ^[A-Za-z0-9_-]{1,64}$}
 * @param userId    the verified token subject, never from the body or the path
 * @param clientRef optional client reference from the body (1-128 printable ASCII characters), or null
 */
public record ParticipateCommand(String eventId, String userId, String clientRef) {

    public static final int MAX_USER_ID_LENGTH = 128;
    public static final int MAX_CLIENT_REF_LENGTH = 128;

    public ParticipateCommand {
        if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
            throw new ClientException(ErrorCode.UNAUTHORIZED, "the token carries no usable subject");
        }
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        if (clientRef != null && !isPrintableAscii(clientRef, MAX_CLIENT_REF_LENGTH)) {
            throw new ClientException(ErrorCode.INVALID_BODY,
                    "clientRef must be 1 to " + MAX_CLIENT_REF_LENGTH + " printable ASCII characters");
        }
    }

    static boolean isPrintableAscii(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
