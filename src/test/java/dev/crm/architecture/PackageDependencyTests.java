package dev.crm.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules from DESIGN.md: features use Micrometer's public API but never the
 * internals of {@code observability}, and {@code observability} never imports a feature.
 * {@code web} owns the HTTP contract and may use {@code observability} (the request ID,
 * the access log, error tracking), never the reverse. Only error tracking names Sentry,
 * and redaction, shared by logs and error tracking, depends on neither.
 */
class PackageDependencyTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.crm");

	static final ArchRule featuresDoNotUseObservabilityInternals = noClasses().that()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.crm.observability..");

	static final ArchRule observabilityDoesNotImportFeatures = noClasses().that()
		.resideInAPackage("dev.crm.observability..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..");

	static final ArchRule sharedWebPlumbingKnowsNoFeature = noClasses().that()
		.resideInAPackage("dev.crm.web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..");

	static final ArchRule observabilityDoesNotImportWeb = noClasses().that()
		.resideInAPackage("dev.crm.observability..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.crm.web..");

	static final ArchRule onlyErrorTrackingNamesSentry = noClasses().that()
		.resideOutsideOfPackage("dev.crm.observability.errortracking..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sentry..");

	static final ArchRule redactionImportsNoOtherApplicationPackage = noClasses().that()
		.resideInAPackage("dev.crm.observability.redaction..")
		.should()
		.dependOnClassesThat(
				resideInAPackage("dev.crm..").and(resideOutsideOfPackage("dev.crm.observability.redaction..")));

	static final ArchRule featurePackagesHaveNoCycles = slices().matching("dev.crm.(*)..").should().beFreeOfCycles();

	@Test
	void featuresDoNotUseObservabilityInternals() {
		featuresDoNotUseObservabilityInternals.check(PRODUCTION);
	}

	@Test
	void observabilityDoesNotImportFeatures() {
		observabilityDoesNotImportFeatures.check(PRODUCTION);
	}

	@Test
	void sharedWebPlumbingKnowsNoFeature() {
		sharedWebPlumbingKnowsNoFeature.check(PRODUCTION);
	}

	@Test
	void observabilityDoesNotImportWeb() {
		observabilityDoesNotImportWeb.check(PRODUCTION);
	}

	@Test
	void onlyErrorTrackingNamesSentry() {
		onlyErrorTrackingNamesSentry.check(PRODUCTION);
	}

	@Test
	void redactionImportsNoOtherApplicationPackage() {
		redactionImportsNoOtherApplicationPackage.check(PRODUCTION);
	}

	@Test
	void packagesHaveNoCycles() {
		featurePackagesHaveNoCycles.check(PRODUCTION);
	}

}
