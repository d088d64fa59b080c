package com.rushgate.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.EventInfo;
import com.rushgate.core.app.EventInfoUseCase;
import com.rushgate.core.app.port.DrawResults.DrawFile;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.lambda.ApiRequests;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Which of the three public routes a request is, and its answer's body. */
final class EventRoutes {

    static final String EVENT = "/events/{eventId}";
    static final String ENTRIES = "/events/{eventId}/draw/entries";
    static final String WINNERS = "/events/{eventId}/draw/winners";

    private static final Pattern PAGE = Pattern.compile("[0-9]{1,9}");

    private final EventInfoUseCase useCase;

    EventRoutes(EventInfoUseCase useCase) {
        this.useCase = useCase;
    }

    /**
     * @throws ClientException INVALID_EVENT_ID, EVENT_NOT_FOUND, INVALID_PAGE
     * @throws IllegalArgumentException for a route that is not one of ours (a template that routes
     *                                  another path here is a bug, answered 500)
     */
    Map<String, Object> answer(APIGatewayProxyRequestEvent request) {
        String eventId = ApiRequests.pathParameter(request, "eventId");
        String basePath = ApiRequests.basePath(request);
        String route = request.getResource();
        if (EVENT.equals(route)) {
            return EventViews.event(useCase.info(eventId), basePath);
        }
        DrawFile file = ENTRIES.equals(route) ? DrawFile.ENTRIES : WINNERS.equals(route) ? DrawFile.WINNERS : null;
        if (file == null) {
            throw new IllegalArgumentException("the public event view has no route " + route);
        }
        int page = page(request);
        EventInfo info = useCase.info(eventId);
        List<RequestId> ids = useCase.page(eventId, file, page);
        return EventViews.page(basePath, eventId, file, page, ids, EventViews.total(info.event(), file));
    }

    /** The page asked for: 0 when there is no {@code page} parameter, else a whole number of 0 or more. */
    static int page(APIGatewayProxyRequestEvent request) {
        Map<String, String> query = request.getQueryStringParameters();
        String page = query == null ? null : query.get("page");
        if (page == null) {
            return 0;
        }
        if (!PAGE.matcher(page).matches()) {
            throw new ClientException(ErrorCode.INVALID_PAGE, "page must be a whole number of 0 or more");
        }
        return Integer.parseInt(page);
    }
}
