package com.rushgate.e2e.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/openapi.yaml, ready to judge real HTTP exchanges: an OpenAPI validator for the routes it
 * documents, the {@code RouteNotFound} answer for everything outside them, the catalogue of every
 * answer it documents, and the document as plain YAML for the checks against the template and the
 * code.
 */
public final class ApiContract {

    /** The component response every path or method outside the document gets. */
    public static final String ROUTE_NOT_FOUND = "RouteNotFound";
    /** How {@link Answer#operation()} names the requests outside the documented routes. */
    public static final String OTHER_ROUTES = "ANY (a route the document does not have)";
    public static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final Path file;
    private final OpenAPI api;
    private final Map<String, Object> document;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;

    private ApiContract(Path file, OpenAPI api, Map<String, Object> document) {
        this.file = file;
        this.api = api;
        this.document = document;
        this.validator = OpenApiInteractionValidator.createFor(api).build();
        this.schemas = new SchemaValidator(api, new MessageResolver());
    }

    public static Path specFile() {
        return Path.of(System.getProperty("rushgate.root", "..")).toAbsolutePath().normalize()
                .resolve("docs").resolve("openapi.yaml");
    }

    public static Path templateFile() {
        return specFile().getParent().getParent().resolve("template.yaml");
    }

    /** Parses the document; a document the parser has anything to say about is refused. */
    public static ApiContract load() {
        Path file = specFile();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // Inline every $ref (headers included, or their "required" is lost), but keep allOf as
        // written: merging it would drop the narrowing of the error codes per response.
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        List<String> messages = parsed.getMessages() == null ? List.of() : parsed.getMessages();
        if (parsed.getOpenAPI() == null || !messages.isEmpty()) {
            throw new IllegalStateException(file + " is not a clean OpenAPI document: " + messages);
        }
        OpenAPI api = parsed.getOpenAPI();
        applyGlobalSecurity(api);
        return new ApiContract(file, api, readYaml(file));
    }

    /**
     * The document's top-level {@code security} holds for every operation that does not set its own
     * (OpenAPI 3.0, Security Requirement Object). The validator looks at the operation's only, so it
     * is copied there: a request without the bearer token is then one the document refuses.
     */
    private static void applyGlobalSecurity(OpenAPI api) {
        if (api.getSecurity() == null) {
            return;
        }
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getSecurity() == null) {
                operation.setSecurity(api.getSecurity());
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) {
        try {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    public OpenAPI api() {
        return api;
    }

    /** The document as written, $refs unresolved. */
    public Map<String, Object> document() {
        return document;
    }

    /** The request and the response of one exchange on a documented route. */
    public ValidationReport validate(Request request, Response response) {
        return validator.validate(request, response);
    }

    /** The request alone: what the document says a client may send. */
    public ValidationReport validateRequest(Request request) {
        return validator.validateRequest(request);
    }

    /** The response alone, for requests the document itself calls invalid. */
    public ValidationReport validateResponse(String path, Request.Method method, Response response) {
        return validator.validateResponse(path, method, response);
    }

    /**
     * A response against a component response of the document (an answer that belongs to no
     * documented operation): its status ({@code x-status-code}), its content type, its required
     * headers and their values, its body. The answer to a HEAD request has no body (RFC 9110), so
     * only its status and headers are judged.
     */
    public ValidationReport validateAgainstComponent(String name, Request.Method method, Response response) {
        ApiResponse expected = api.getComponents().getResponses().get(name);
        if (expected == null) {
            throw new IllegalArgumentException("the document has no component response " + name);
        }
        List<ValidationReport.Message> problems = new ArrayList<>();
        if (response.getStatus() != componentStatus(name)) {
            problems.add(message("validation.response.status.unknown", "status " + response.getStatus() + " is not "
                    + name + "'s " + componentStatus(name)));
        }
        Optional<String> contentType = response.getHeaderValue("Content-Type");
        MediaType media = contentType.map(type -> expected.getContent().get(type.split(";")[0].trim())).orElse(null);
        if (media == null) {
            problems.add(message("validation.response.contentType.notAllowed", "Content-Type " + contentType.orElse("(none)")
                    + " is not one of " + expected.getContent().keySet()));
        }
        if (expected.getHeaders() != null) {
            for (Map.Entry<String, Header> header : expected.getHeaders().entrySet()) {
                Optional<String> value = response.getHeaderValue(header.getKey());
                if (value.isEmpty()) {
                    if (Boolean.TRUE.equals(header.getValue().getRequired())) {
                        problems.add(message("validation.response.header.missing", "header " + header.getKey() + " is missing"));
                    }
                    continue;
                }
                List<?> allowed = header.getValue().getSchema() == null ? null : header.getValue().getSchema().getEnum();
                if (allowed != null && !allowed.stream().map(String::valueOf).toList().contains(value.get())) {
                    problems.add(message("validation.response.header.schema.enum", "header " + header.getKey() + " is "
                            + value.get() + ", not one of " + allowed));
                }
            }
        }
        ValidationReport report = ValidationReport.from(problems);
        if (media != null && method != Request.Method.HEAD) {
            @SuppressWarnings("rawtypes")
            Schema schema = media.getSchema();
            report = report.merge(schemas.validate(response.getResponseBody().map(body -> {
                try {
                    return body.toString(StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse(""), schema, "response.body"));
        }
        return report;
    }

    // ------------------------------------------------------------------ the catalogue of answers

    /**
     * One answer the document promises: an operation ({@code "POST /events/{eventId}/participations"},
     * or {@link #OTHER_ROUTES}), a status, and the error code, or null for a success.
     */
    public record Answer(String operation, int status, String code) implements Comparable<Answer> {

        public static String operation(Request.Method method, String pathTemplate) {
            return method.name() + " " + pathTemplate;
        }

        @Override
        public int compareTo(Answer other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return operation + " " + status + (code == null ? "" : " " + code);
        }
    }

    /**
     * Every answer the document lists: each status of each operation, once per error code its schema
     * allows (once, without a code, for a success), and the component responses that carry an
     * {@code x-status-code} as answers of {@link #OTHER_ROUTES}.
     */
    public Set<Answer> documentedAnswers() {
        Set<Answer> answers = new TreeSet<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            String name = Answer.operation(Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), path);
            map(map(operation).get("responses")).forEach((status, response) -> {
                Set<String> codes = errorCodes(map(response));
                if (codes.isEmpty()) {
                    answers.add(new Answer(name, Integer.parseInt(status), null));
                }
                codes.forEach(code -> answers.add(new Answer(name, Integer.parseInt(status), code)));
            });
        }));
        map(map(document.get("components")).get("responses")).forEach((name, response) -> {
            Object status = map(response).get("x-status-code");
            if (status != null) {
                errorCodes(map(response)).forEach(code ->
                        answers.add(new Answer(OTHER_ROUTES, Integer.parseInt(String.valueOf(status)), code)));
            }
        });
        return answers;
    }

    /** The documented path template a concrete path (as sent, still encoded) falls under, if any. */
    public Optional<String> pathTemplateOf(String rawPath) {
        String[] segments = rawPath.split("\\?", 2)[0].split("/", -1);
        for (String template : map(document.get("paths")).keySet()) {
            String[] expected = template.split("/", -1);
            boolean matches = expected.length == segments.length;
            for (int i = 0; matches && i < expected.length; i++) {
                matches = expected[i].startsWith("{") ? !segments[i].isEmpty() : expected[i].equals(segments[i]);
            }
            if (matches) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    /** Whether the document has this method on this path template. */
    public boolean documents(Request.Method method, String pathTemplate) {
        return map(map(document.get("paths")).get(pathTemplate)).containsKey(method.name().toLowerCase(Locale.ROOT));
    }

    /** The status a component response stands for ({@code x-status-code}). */
    public int componentStatus(String name) {
        Object status = map(map(map(document.get("components")).get("responses")).get(name)).get("x-status-code");
        if (status == null) {
            throw new IllegalArgumentException("component response " + name + " has no x-status-code");
        }
        return Integer.parseInt(String.valueOf(status));
    }

    /** The codes an error response allows: the intersection of the code enums along its allOf; none for a success. */
    public Set<String> errorCodes(Map<String, Object> response) {
        Map<String, Object> media = map(map(resolve(response).get("content")).get("application/json"));
        Set<String> codes = codesOf(resolve(map(media.get("schema"))));
        return codes == null ? Set.of() : codes;
    }

    private Set<String> codesOf(Map<String, Object> schema) {
        if (schema.get("allOf") instanceof List<?> parts) {
            Set<String> codes = null;
            for (Object part : parts) {
                Set<String> partCodes = codesOf(resolve(map(part)));
                if (partCodes != null) {
                    codes = codes == null ? new TreeSet<>(partCodes) : codes;
                    codes.retainAll(partCodes);
                }
            }
            return codes;
        }
        Map<String, Object> error = resolve(map(map(schema.get("properties")).get("error")));
        Map<String, Object> code = resolve(map(map(error.get("properties")).get("code")));
        return code.get("enum") instanceof List<?> values
                ? values.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new))
                : null;
    }

    /** Follows a local $ref (#/components/...) of the document as written, repeatedly. */
    public Map<String, Object> resolve(Map<String, Object> node) {
        Map<String, Object> current = node;
        while (current.get("$ref") instanceof String ref) {
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException(file + " refers outside itself: " + ref);
            }
            Map<String, Object> target = document;
            for (String segment : ref.substring(2).split("/")) {
                target = map(target.get(segment));
            }
            current = target;
        }
        return current;
    }

    /** A YAML mapping, or an empty one for anything else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static ValidationReport.Message message(String key, String text) {
        return ValidationReport.Message.create(key, text).build();
    }

    /** Only errors count: every message, with its key, for an assertion's description. */
    public static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> message.getLevel() + " " + message.getKey() + ": " + message.getMessage()
                        + (message.getNestedMessages().isEmpty() ? "" : " " + message.getNestedMessages().stream()
                        .map(ValidationReport.Message::getMessage).collect(Collectors.joining("; ", "[", "]"))))
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    /** The message keys of the report's errors. */
    public static List<String> errorKeys(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey)
                .toList();
    }
}
