package dev.crm.campaign;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The 404 for an unknown campaign, whichever feature looked it up. */
public class CampaignNotFoundException extends ErrorResponseException {

	public CampaignNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Campaign " + id + " does not exist."), null);
	}

}
