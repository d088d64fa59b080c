package com.rushgate.local.template;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the template's names and references mean on this machine. Tables and queues are named
 * after their TableName/QueueName property or, like most stacks leave them, their logical id;
 * ARNs use the local account 000000000000; queue URLs point at the local ElasticMQ.
 */
public final class LocalNames implements ResolutionContext {

    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "rushgate-local";

    private final Template template;
    private final Map<String, String> parameters;
    private final String region;
    private final URI sqsEndpoint;
    private final Function<String, String> secretValues;
    private final Map<String, String> streamArns = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Intrinsics intrinsics;

    /**
     * @param secretValues the local value of each AWS::SecretsManager::Secret, by logical id
     */
    public LocalNames(Template template, Map<String, String> parameters, String region, URI sqsEndpoint,
                      Function<String, String> secretValues) {
        this.template = Objects.requireNonNull(template, "template");
        this.parameters = Map.copyOf(parameters);
        this.region = Objects.requireNonNull(region, "region");
        this.sqsEndpoint = Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
        this.secretValues = Objects.requireNonNull(secretValues, "secretValues");
        this.intrinsics = new Intrinsics(this, template.section("Mappings"));
    }

    public Intrinsics intrinsics() {
        return intrinsics;
    }

    public String region() {
        return region;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** Set once the table exists: DynamoDB Local makes up the stream label. */
    public void streamArn(String tableLogicalId, String arn) {
        streamArns.put(tableLogicalId, arn);
    }

    public String tableName(String logicalId) {
        Object name = template.properties(logicalId).get("TableName");
        return name == null ? logicalId : intrinsics.resolveToString(name);
    }

    public String queueName(String logicalId) {
        Object name = template.properties(logicalId).get("QueueName");
        if (name != null) {
            return intrinsics.resolveToString(name);
        }
        boolean fifo = Boolean.parseBoolean(String.valueOf(template.properties(logicalId).get("FifoQueue")));
        return fifo ? logicalId + ".fifo" : logicalId;
    }

    public String queueUrl(String logicalId) {
        return sqsEndpoint.toString().replaceAll("/$", "") + "/" + ACCOUNT_ID + "/" + queueName(logicalId);
    }

    public String queueArn(String logicalId) {
        return arn("sqs", queueName(logicalId));
    }

    public String functionName(String logicalId) {
        Object name = template.properties(logicalId).get("FunctionName");
        return name == null ? logicalId : intrinsics.resolveToString(name);
    }

    /** An S3 bucket's BucketName, or its logical id in lower case (bucket names are lower case). */
    public String bucketName(String logicalId) {
        Object name = template.properties(logicalId).get("BucketName");
        return name == null ? logicalId.toLowerCase(Locale.ROOT) : intrinsics.resolveToString(name);
    }

    /** The resource's name property, or its logical id when the template leaves the name to CloudFormation. */
    private String namedBy(String logicalId, String property) {
        Object name = template.properties(logicalId).get(property);
        return name == null ? logicalId : intrinsics.resolveToString(name);
    }

    private String glueDatabaseName(String logicalId) {
        Object input = template.properties(logicalId).get("DatabaseInput");
        Object name = input instanceof Map<?, ?> map ? map.get("Name") : null;
        return name == null ? logicalId.toLowerCase(Locale.ROOT) : intrinsics.resolveToString(name);
    }

    /** Cognito-style pool id: region_LogicalId. */
    public String userPoolId(String logicalId) {
        return region + "_" + logicalId;
    }

    public String userPoolIssuer(String logicalId) {
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId(logicalId);
    }

    /** The logical id of the queue with this ARN or URL. */
    public String queueByArnOrUrl(String arnOrUrl) {
        for (String id : template.resourcesOfType("AWS::SQS::Queue")) {
            if (queueArn(id).equals(arnOrUrl) || queueUrl(id).equals(arnOrUrl)) {
                return id;
            }
        }
        throw new IllegalArgumentException("no queue in the template has ARN or URL " + arnOrUrl);
    }

    @Override
    public Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::StackName":
                return STACK_NAME;
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + ACCOUNT_ID + ":stack/" + STACK_NAME + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NotificationARNs":
                return List.of();
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (!template.hasResource(name)) {
            throw new IllegalArgumentException("Ref to unknown parameter or resource " + name);
        }
        return switch (template.type(name)) {
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> tableName(name);
            case "AWS::SQS::Queue" -> queueUrl(name);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functionName(name);
            case "AWS::SecretsManager::Secret" -> arn("secretsmanager", "secret:" + name);
            case "AWS::Cognito::UserPool" -> userPoolId(name);
            case "AWS::SNS::Topic" -> arn("sns", name);
            case "AWS::S3::Bucket" -> bucketName(name);
            case "AWS::KinesisFirehose::DeliveryStream" -> namedBy(name, "DeliveryStreamName");
            case "AWS::Pipes::Pipe" -> namedBy(name, "Name");
            case "AWS::Glue::Database" -> glueDatabaseName(name);
            default -> name;
        };
    }

    @Override
    public Object getAtt(String logicalId, String attribute) {
        String type = template.type(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> arn("dynamodb", "table/" + tableName(logicalId));
            case "AWS::DynamoDB::Table.StreamArn" -> streamArns.getOrDefault(logicalId,
                    arn("dynamodb", "table/" + tableName(logicalId) + "/stream/pending"));
            case "AWS::SQS::Queue.Arn" -> queueArn(logicalId);
            case "AWS::SQS::Queue.QueueName" -> queueName(logicalId);
            case "AWS::SQS::Queue.QueueUrl" -> queueUrl(logicalId);
            case "AWS::Cognito::UserPool.Arn" -> arn("cognito-idp", "userpool/" + userPoolId(logicalId));
            case "AWS::Cognito::UserPool.ProviderURL" -> userPoolIssuer(logicalId).substring("https://".length());
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
                    arn("lambda", "function:" + functionName(logicalId));
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + bucketName(logicalId);
            case "AWS::KinesisFirehose::DeliveryStream.Arn" ->
                    arn("firehose", "deliverystream/" + namedBy(logicalId, "DeliveryStreamName"));
            case "AWS::Pipes::Pipe.Arn" -> arn("pipes", "pipe/" + namedBy(logicalId, "Name"));
            default -> arn(type.replace("AWS::", "").replace("::", "-").toLowerCase(Locale.ROOT),
                    logicalId + "/" + attribute);
        };
    }

    @Override
    public String dynamicReference(String reference) {
        String[] parts = reference.split(":");
        if (parts.length >= 2 && parts[0].equals("secretsmanager")) {
            String secretArnPrefix = arn("secretsmanager", "secret:");
            String idOrArn = reference.startsWith("secretsmanager:" + secretArnPrefix)
                    ? reference.substring(("secretsmanager:" + secretArnPrefix).length()).split(":")[0]
                    : parts[1];
            for (String id : template.resourcesOfType("AWS::SecretsManager::Secret")) {
                if (id.equals(idOrArn) || id.equals(nameOf(id))) {
                    return secretValues.apply(id);
                }
            }
            throw new IllegalArgumentException("no secret in the template matches {{resolve:" + reference + "}}");
        }
        throw new IllegalArgumentException("the local stack resolves secretsmanager references only, not {{resolve:"
                + reference + "}}");
    }

    @Override
    public boolean condition(String name) {
        return conditions.computeIfAbsent(name, n -> {
            Object expression = template.section("Conditions").get(n);
            if (expression == null) {
                throw new IllegalArgumentException("template has no condition " + n);
            }
            Object value = intrinsics.resolve(expression);
            return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
        });
    }

    private String nameOf(String secretId) {
        Object name = template.properties(secretId).get("Name");
        return name == null ? secretId : intrinsics.resolveToString(name);
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
    }
}
