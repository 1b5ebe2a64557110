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
 * internals of {@code observability}, {@code observability} never imports a feature, and
 * features point the way the domain does ({@code lead} may use {@code campaign}, never
 * the reverse). Health and lifecycle have no edges: Spring wires them, no other package
 * imports them, and they import no other observability package.
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

	static final ArchRule campaignDoesNotDependOnLead = noClasses().that()
		.resideInAPackage("dev.crm.campaign..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.crm.lead..");

	static final ArchRule healthUsesNoOtherObservabilityPackage = standsAlone("dev.crm.observability.health..");

	static final ArchRule lifecycleUsesNoOtherObservabilityPackage = standsAlone("dev.crm.observability.lifecycle..");

	static final ArchRule nothingImportsHealth = importedByNoOne("dev.crm.observability.health..");

	static final ArchRule nothingImportsLifecycle = importedByNoOne("dev.crm.observability.lifecycle..");

	static final ArchRule sharedWebPlumbingKnowsNoFeature = noClasses().that()
		.resideInAPackage("dev.crm.web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.campaign..", "dev.crm.lead..", "dev.crm.observability..");

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
	void campaignDoesNotDependOnLead() {
		campaignDoesNotDependOnLead.check(PRODUCTION);
	}

	@Test
	void healthUsesNoOtherObservabilityPackage() {
		healthUsesNoOtherObservabilityPackage.check(PRODUCTION);
	}

	@Test
	void lifecycleUsesNoOtherObservabilityPackage() {
		lifecycleUsesNoOtherObservabilityPackage.check(PRODUCTION);
	}

	@Test
	void nothingImportsHealthOrLifecycle() {
		nothingImportsHealth.check(PRODUCTION);
		nothingImportsLifecycle.check(PRODUCTION);
	}

	@Test
	void sharedWebPlumbingKnowsNoFeature() {
		sharedWebPlumbingKnowsNoFeature.check(PRODUCTION);
	}

	@Test
	void packagesHaveNoCycles() {
		featurePackagesHaveNoCycles.check(PRODUCTION);
	}

	private static ArchRule standsAlone(String observabilityPackage) {
		return noClasses().that()
			.resideInAPackage(observabilityPackage)
			.should()
			.dependOnClassesThat(
					resideInAPackage("dev.crm.observability..").and(resideOutsideOfPackage(observabilityPackage)));
	}

	private static ArchRule importedByNoOne(String observabilityPackage) {
		return noClasses().that()
			.resideOutsideOfPackage(observabilityPackage)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(observabilityPackage);
	}

}
