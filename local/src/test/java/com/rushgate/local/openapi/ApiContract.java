package com.rushgate.local.openapi;

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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/openapi.yaml, ready to judge real HTTP exchanges: an OpenAPI validator for the routes it
 * documents, the {@code RouteNotFound} answer for everything outside them, and the document as
 * plain YAML for the checks against the template and the code.
 */
public final class ApiContract {

    /** The component response every path or method outside the document gets. */
    public static final String ROUTE_NOT_FOUND = "RouteNotFound";

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
        return new ApiContract(file, parsed.getOpenAPI(), readYaml(file));
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
     * documented operation): its content type, its required headers and their values, its body.
     */
    public ValidationReport validateAgainstComponent(String name, Response response) {
        ApiResponse expected = api.getComponents().getResponses().get(name);
        if (expected == null) {
            throw new IllegalArgumentException("the document has no component response " + name);
        }
        List<ValidationReport.Message> problems = new ArrayList<>();
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
        if (media != null) {
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
