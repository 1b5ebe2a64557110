package dev.crm.observability.metrics;

import java.lang.reflect.Method;
import java.util.Optional;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RepositoryCallInterceptorTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void namesTheOperationAfterRepositoryAndMethod() throws NoSuchMethodException {
		Method insert = LeadRepository.class.getDeclaredMethod("insert");
		Method claim = IdempotencyKeyRepository.class.getDeclaredMethod("claim");
		assertThat(RepositoryCallInterceptor.operationName(LeadRepository.class, insert)).isEqualTo("lead.insert");
		assertThat(RepositoryCallInterceptor.operationName(IdempotencyKeyRepository.class, claim))
			.isEqualTo("idempotencyKey.claim");
	}

	@Test
	void keepsTheClassNameWhenItDoesNotEndInRepository() throws NoSuchMethodException {
		Method find = Store.class.getDeclaredMethod("find");
		assertThat(RepositoryCallInterceptor.operationName(Store.class, find)).isEqualTo("store.find");
	}

	@Test
	void timesEachCallUnderItsOperationAndItsErrorAndRethrows() {
		LeadRepository leads = proxied(
				Optional.of(new RepositoryCallInterceptor.Instruments(this.registry, Tracer.NOOP)));
		leads.insert();
		leads.insert();
		assertThatIllegalStateException().isThrownBy(leads::fail).withMessage("constraint");

		assertThat(timer("lead.insert", "none").count()).isEqualTo(2);
		assertThat(timer("lead.fail", "IllegalStateException").count()).isOne();
		// Each operation's success timer exists from its first call, failed or not.
		assertThat(timer("lead.fail", "none").count()).isZero();
	}

	@Test
	void leavesCallsAloneWhenObservationsAreOff() {
		LeadRepository leads = proxied(Optional.empty());
		leads.insert();
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private Timer timer(String operation, String error) {
		return this.registry.get(RepositoryCallInterceptor.NAME)
			.tag("operation", operation)
			.tag("error", error)
			.timer();
	}

	private static LeadRepository proxied(Optional<RepositoryCallInterceptor.Instruments> instruments) {
		ProxyFactory factory = new ProxyFactory(new LeadRepository());
		factory.setProxyTargetClass(true);
		factory.addAdvice(new RepositoryCallInterceptor(() -> instruments));
		return (LeadRepository) factory.getProxy();
	}

	static class LeadRepository {

		void insert() {
		}

		void fail() {
			throw new IllegalStateException("constraint");
		}

	}

	static class IdempotencyKeyRepository {

		void claim() {
		}

	}

	static class Store {

		void find() {
		}

	}

}
