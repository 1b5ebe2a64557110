package dev.crm.web;

import java.util.List;

/**
 * One page of a list, ordered by id so that paging is stable while rows are added.
 *
 * @param items the rows on this page
 * @param page the zero-based page number
 * @param size the requested page size
 * @param totalItems rows across all pages
 * @param totalPages pages at this size
 * @param <T> the row type
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

	public static final int MAX_SIZE = 100;

	public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
		return new PageResponse<>(items, page, size, totalItems, (totalItems + size - 1) / size);
	}

	public static long offset(int page, int size) {
		return (long) page * size;
	}

}
