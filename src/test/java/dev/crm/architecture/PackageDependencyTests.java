package dev.crm.architecture;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules from DESIGN.md: features use Micrometer's public API but never the
 * internals of {@code observability}, {@code observability} never imports a feature, and
 * features point the way the domain does ({@code lead} may use {@code campaign}, never
 * the reverse). {@code web} owns the HTTP contract and may use {@code observability} (the
 * request ID, the access log, error tracking), never the reverse. Only error tracking
 * names Sentry, and redaction, shared by logs and error tracking, depends on neither.
 * Inside {@code observability}, every edge between two of its packages is declared in
 * {@link #OBSERVABILITY_EDGES}; health and lifecycle have none, and nothing imports them:
 * Spring wires them.
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

	/**
	 * The edges between observability's own packages, declared: each may use only these
	 * (and the package root, which holds what all of them share). A new edge is a design
	 * change and is made here, on purpose.
	 */
	static final Map<String, Set<String>> OBSERVABILITY_EDGES = Map.of("correlation", Set.of(), "errortracking",
			Set.of("correlation", "redaction"), "health", Set.of(), "lifecycle", Set.of(), "logging",
			Set.of("correlation", "redaction"), "metrics", Set.of(), "redaction", Set.of(), "tracing", Set.of());

	static final ArchRule nothingImportsHealth = importedByNoOne("dev.crm.observability.health..");

	static final ArchRule nothingImportsLifecycle = importedByNoOne("dev.crm.observability.lifecycle..");

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

	/**
	 * Fault injection is held to a feature's rule, and stays removable: it uses no other
	 * package of ours, and none uses it.
	 */
	static final ArchRule faultsStandAlone = noClasses().that()
		.resideInAPackage("dev.crm.faults..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.crm.observability..", "dev.crm.campaign..", "dev.crm.lead..", "dev.crm.web..");

	static final ArchRule nothingDependsOnFaults = noClasses().that()
		.resideOutsideOfPackage("dev.crm.faults..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.crm.faults..");

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
	void observabilityPackagesUseOnlyTheirDeclaredEdges() {
		OBSERVABILITY_EDGES.forEach((name, allowed) -> {
			DescribedPredicate<JavaClass> undeclared = resideInAPackage("dev.crm.observability.*..")
				.and(resideOutsideOfPackage("dev.crm.observability." + name + ".."));
			for (String target : allowed) {
				undeclared = undeclared.and(resideOutsideOfPackage("dev.crm.observability." + target + ".."));
			}
			noClasses().that()
				.resideInAPackage("dev.crm.observability." + name + "..")
				.should()
				.dependOnClassesThat(undeclared)
				.check(PRODUCTION);
		});
	}

	@Test
	void everyObservabilityPackageHasDeclaredEdges() {
		Set<String> packages = new TreeSet<>();
		PRODUCTION.stream()
			.map(JavaClass::getPackageName)
			.filter((name) -> name.startsWith("dev.crm.observability."))
			.forEach((name) -> packages.add(name.substring("dev.crm.observability.".length()).split("\\.")[0]));
		assertThat(packages).containsExactlyInAnyOrderElementsOf(OBSERVABILITY_EDGES.keySet());
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
	void faultsStandAlone() {
		faultsStandAlone.check(PRODUCTION);
	}

	@Test
	void nothingDependsOnFaults() {
		nothingDependsOnFaults.check(PRODUCTION);
	}

	@Test
	void packagesHaveNoCycles() {
		featurePackagesHaveNoCycles.check(PRODUCTION);
	}

	private static ArchRule importedByNoOne(String observabilityPackage) {
		return noClasses().that()
			.resideOutsideOfPackage(observabilityPackage)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(observabilityPackage);
	}

}
