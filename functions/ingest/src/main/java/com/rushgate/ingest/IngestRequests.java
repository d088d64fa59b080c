package com.rushgate.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.domain.Event;
import com.rushgate.core.lambda.ApiRequests;
import com.rushgate.core.lambda.ParticipationBody;

/** Turns the API Gateway event into a command, checking in the order a caller expects: who, where, what. */
final class IngestRequests {

    private IngestRequests() {
    }

    static ParticipateCommand command(APIGatewayProxyRequestEvent event) {
        String userId = ApiRequests.subject(event);
        if (userId == null) {
            throw new ClientException(ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
        }
        String eventId = ApiRequests.pathParameter(event, "eventId");
        if (!Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return new ParticipateCommand(eventId, userId, ParticipationBody.clientRef(event));
    }
}
