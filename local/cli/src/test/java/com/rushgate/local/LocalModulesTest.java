package com.rushgate.local;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule between local/'s modules, on the packages each module holds: the template
 * model depends on nothing of ours; the analytics engine and the stack on the template model (the
 * stack also on core's adapters); the console and the bench on those three, never on each other; the
 * command line on everything; nothing
 * on the command line; and nothing of the product (functions/) on local/. The Maven modules make a
 * cycle impossible; this test keeps a module from reaching sideways or down-and-up, which Maven
 * would allow.
 */
class LocalModulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.rushgate");

    @Test
    void modulesDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("com.rushgate..")
                .layer("Functions").definedBy("com.rushgate.core..")
                .layer("Template").definedBy("com.rushgate.local.template..")
                .layer("Analytics").definedBy("com.rushgate.local.analytics..")
                .layer("Stack").definedBy("com.rushgate.local.emulator..", "com.rushgate.local.auth..",
                        "com.rushgate.local.chaos..", "com.rushgate.local.limits..", "com.rushgate.local.lambda..",
                        "com.rushgate.local.gateway..", "com.rushgate.local.triggers..", "com.rushgate.local.pipes..",
                        "com.rushgate.local.s3..", "com.rushgate.local.stack..")
                .layer("Console").definedBy("com.rushgate.local.console..")
                .layer("Bench").definedBy("com.rushgate.local.load..", "com.rushgate.local.demo..",
                        "com.rushgate.local.bench..")
                .layer("Cli").definedBy("com.rushgate.local.cli..")
                .whereLayer("Functions").mayNotAccessAnyLayer()
                .whereLayer("Template").mayNotAccessAnyLayer()
                .whereLayer("Analytics").mayOnlyAccessLayers("Template")
                .whereLayer("Stack").mayOnlyAccessLayers("Template", "Functions")
                .whereLayer("Console").mayOnlyAccessLayers("Stack", "Analytics", "Template", "Functions")
                .whereLayer("Bench").mayOnlyAccessLayers("Stack", "Analytics", "Template", "Functions")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }
}
