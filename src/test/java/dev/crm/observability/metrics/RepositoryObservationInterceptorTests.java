package dev.crm.observability.metrics;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepositoryObservationInterceptorTests {

	@Test
	void namesTheOperationAfterRepositoryAndMethod() throws NoSuchMethodException {
		Method insert = LeadRepository.class.getDeclaredMethod("insert");
		Method claim = IdempotencyKeyRepository.class.getDeclaredMethod("claim");
		assertThat(RepositoryObservationInterceptor.operationName(LeadRepository.class, insert))
			.isEqualTo("lead.insert");
		assertThat(RepositoryObservationInterceptor.operationName(IdempotencyKeyRepository.class, claim))
			.isEqualTo("idempotencyKey.claim");
	}

	@Test
	void keepsTheClassNameWhenItDoesNotEndInRepository() throws NoSuchMethodException {
		Method find = Store.class.getDeclaredMethod("find");
		assertThat(RepositoryObservationInterceptor.operationName(Store.class, find)).isEqualTo("store.find");
	}

	static class LeadRepository {

		void insert() {
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
