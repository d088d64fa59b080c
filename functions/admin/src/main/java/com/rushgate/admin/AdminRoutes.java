package com.rushgate.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.CreateEventCommand;
import com.rushgate.core.app.DeadLetterPeekUseCase;
import com.rushgate.core.app.DrawCommand;
import com.rushgate.core.app.DrawOutcome;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.EventPatch;
import com.rushgate.core.app.ManagedEvent;
import com.rushgate.core.app.RedriveCommand;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.lambda.ApiRequests;
import com.rushgate.core.lambda.ApiResponses;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Which admin route a request is, the use case it calls, and its answer (docs/openapi.yaml, /admin/...). */
final class AdminRoutes {

    static final String EVENTS = "/admin/events";
    static final String EVENT = "/admin/events/{eventId}";
    static final String CLOSE = "/admin/events/{eventId}/close";
    static final String RESTOCK = "/admin/events/{eventId}/restock";
    static final String DRAW = "/admin/events/{eventId}/draw";
    static final String WINNERS = "/admin/events/{eventId}/winners";
    static final String DLQ = "/admin/dlq";
    static final String REDRIVE = "/admin/redrive";

    /** Most DLQ messages one redrive through the API examines: it must finish within the gateway's 29 s. */
    static final int MAX_REDRIVE = 1000;
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

    private final AdminUseCases useCases;

    AdminRoutes(AdminUseCases useCases) {
        this.useCases = useCases;
    }

    /**
     * @throws ClientException          for every refusal, with its code
     * @throws IllegalArgumentException for a route that is not one of ours (a template that routes
     *                                  another path here is a bug, answered 500)
     */
    APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent request) {
        String method = String.valueOf(request.getHttpMethod()).toUpperCase(Locale.ROOT);
        String route = method + " " + request.getResource();
        String eventId = ApiRequests.pathParameter(request, "eventId");
        String body = request.getBody();
        return switch (route) {
            case "POST " + EVENTS -> ApiResponses.json(201, AdminViews.wrapped(create(body)));
            case "GET " + EVENTS -> ok(AdminViews.events(useCases.overview().list()));
            case "GET " + EVENT -> ok(AdminViews.report(useCases.overview().inspect(eventId)));
            case "PATCH " + EVENT -> ok(AdminViews.wrapped(useCases.changes().change(eventId, patch(body))));
            case "DELETE " + EVENT -> {
                useCases.changes().delete(eventId);
                yield ApiResponses.noContent();
            }
            case "POST " + CLOSE -> ok(AdminViews.wrapped(useCases.changes().close(eventId,
                    new AdminBody(body, "at").instant("at"))));
            case "POST " + RESTOCK -> ok(AdminViews.wrapped(useCases.changes().restock(eventId,
                    new AdminBody(body, "units").requiredInteger("units"))));
            case "POST " + DRAW -> ok(draw(eventId, new AdminBody(body, "excludeFailed").flag("excludeFailed")));
            case "GET " + WINNERS -> ok(AdminViews.winners(useCases.overview().winners(eventId,
                    whole(request, "page", 0, 0, 999_999_999, ErrorCode.INVALID_PAGE))));
            case "GET " + DLQ -> ok(AdminViews.letters(useCases.deadLetters().peek(eventIdFilter(request),
                    whole(request, "max", DeadLetterPeekUseCase.DEFAULT_MESSAGES, 1, DeadLetterPeekUseCase.MAX_MESSAGES,
                            ErrorCode.INVALID_PARAMETER))));
            case "POST " + REDRIVE -> ok(AdminViews.redrive(useCases.redrive().redrive(redrive(body))));
            default -> throw new IllegalArgumentException("the admin function has no route " + route);
        };
    }

    private ManagedEvent create(String text) {
        AdminBody body = new AdminBody(text, "eventId", "type", "capacity", "opensAt", "closesAt");
        String type = body.text("type");
        EventType eventType = "FCFS".equals(type) ? EventType.FCFS : "RAFFLE".equals(type) ? EventType.RAFFLE : null;
        if (body.text("eventId") == null) {
            throw AdminBody.invalid("eventId is required");
        }
        Instant now = useCases.clock().instant();
        Instant opensAt = body.instant("opensAt");
        Event event = useCases.create().create(new CreateEventCommand(body.text("eventId"), eventType,
                body.requiredInteger("capacity"), opensAt == null ? now : opensAt, body.instant("closesAt")));
        return ManagedEvent.of(event, now);
    }

    private static EventPatch patch(String text) {
        AdminBody body = new AdminBody(text, "opensAt", "closesAt", "reseed");
        return new EventPatch(body.instant("opensAt"), body.instant("closesAt"), body.flag("reseed"));
    }

    private Map<String, Object> draw(String eventId, boolean excludeFailed) {
        DrawOutcome outcome = useCases.draws().draw(new DrawCommand(eventId, excludeFailed));
        if (outcome instanceof DrawOutcome.Drawn drawn) {
            return AdminViews.draw(drawn.draw(), drawn.first());
        }
        if (outcome instanceof DrawOutcome.TooEarly early) {
            throw new ClientException(ErrorCode.DRAW_TOO_EARLY, "raffle " + eventId + " can be drawn from "
                    + early.dueAt() + " (dueAt: its close plus the settle window)");
        }
        if (outcome instanceof DrawOutcome.Blocked blocked) {
            throw new ClientException(ErrorCode.DRAW_BLOCKED, "raffle " + eventId + " is not drawn: "
                    + blocked.inFlight() + " entries are still in flight and " + blocked.failed().size()
                    + " failed for good; wait for the first, redrive the others or draw with excludeFailed");
        }
        if (outcome instanceof DrawOutcome.NotARaffle notARaffle) {
            throw new ClientException(ErrorCode.NOT_A_RAFFLE, notARaffle.why());
        }
        throw new ClientException(ErrorCode.EVENT_NOT_FOUND, "no event " + eventId);
    }

    private static RedriveCommand redrive(String text) {
        AdminBody body = new AdminBody(text, "eventId", "max", "dryRun", "reason");
        int max = body.integer("max", RedriveCommand.DEFAULT_MAX_MESSAGES);
        if (max < 1 || max > MAX_REDRIVE) {
            throw AdminBody.invalid("max must be between 1 and " + MAX_REDRIVE);
        }
        try {
            return new RedriveCommand(body.text("eventId"), max, body.flag("dryRun"), body.text("reason"), false);
        } catch (IllegalArgumentException e) {
            throw AdminBody.invalid(e.getMessage());
        }
    }

    private static String eventIdFilter(APIGatewayProxyRequestEvent request) {
        String eventId = query(request, "eventId");
        if (eventId != null && !Event.isValidEventId(eventId)) {
            throw new ClientException(ErrorCode.INVALID_EVENT_ID,
                    "eventId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return eventId;
    }

    /** A whole-number query parameter from {@code min} to {@code max}, or {@code absent}; else a 400 with {@code code}. */
    private static int whole(APIGatewayProxyRequestEvent request, String name, int absent, int min, int max,
                             ErrorCode code) {
        String value = query(request, name);
        if (value == null) {
            return absent;
        }
        if (!WHOLE.matcher(value).matches() || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw new ClientException(code, name + " must be a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(value);
    }

    private static String query(APIGatewayProxyRequestEvent request, String name) {
        Map<String, String> query = request.getQueryStringParameters();
        return query == null ? null : query.get(name);
    }

    private static APIGatewayProxyResponseEvent ok(Object body) {
        return ApiResponses.json(200, body);
    }
}
