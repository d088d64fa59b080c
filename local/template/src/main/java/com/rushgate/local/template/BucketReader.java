package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.BucketSpec;
import java.util.List;

/** Reads the template's AWS::S3::Bucket resources: each bucket's local name. */
final class BucketReader {

    static final String TYPE = "AWS::S3::Bucket";

    private BucketReader() {
    }

    static List<BucketSpec> read(Template template, LocalNames names) {
        return template.resourcesOfType(TYPE).stream().map(id -> new BucketSpec(id, names.bucketName(id))).toList();
    }
}
