package org.homeroom.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns what goes wrong in an API controller into a problem detail. Invalid input names each
 * field in an {@code errors} list, so a client can show the message beside the right field.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final String UNREADABLE = "this value cannot be read here";

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid(ex.getBindingResult().getFieldErrors().stream()
			.map(error -> fieldError(error.getField(), fieldErrorMessage(error)))
			.toList());
	}

	/**
	 * A limit on a request parameter ({@code @Size} on {@code q}, say), or on the body when the
	 * method has both: each error names its parameter, or its field within the body.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors body) {
				body.getFieldErrors().forEach(error -> errors.add(fieldError(error.getField(), fieldErrorMessage(error))));
			}
			else {
				String name = parameterName(result.getMethodParameter());
				result.getResolvableErrors().forEach(error -> errors.add(fieldError(name, String.valueOf(error.getDefaultMessage()))));
			}
		}
		return invalid(errors);
	}

	/** A parameter that cannot be converted, or one the {@link InputRules} refuse: named, with the reason. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex instanceof MethodArgumentTypeMismatchException parameter ? parameter.getName()
				: String.valueOf(ex.getPropertyName());
		return invalid(List.of(fieldError(name, InputRules.RefusedInput.in(ex)
			.map(Throwable::getMessage)
			.orElse(UNREADABLE))));
	}

	/** Unreadable JSON, or a value of the wrong type: name the field by its path, e.g. {@code phones[1]}. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			StringBuilder field = new StringBuilder();
			for (JacksonException.Reference reference : json.getPath()) {
				if (reference.getPropertyName() != null) {
					field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					field.append('[').append(reference.getIndex()).append(']');
				}
			}
			return invalid(List.of(fieldError(field.toString(),
					json instanceof JsonInputRules.RefusedJsonInput refused ? refused.reason() : UNREADABLE)));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON");
		problem.setTitle("Invalid request");
		return ResponseEntity.badRequest().body(problem);
	}

	/** A domain rule refused the input; its message is written for the caller. */
	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidInput(InvalidInputException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
	}

	/** No one signed in reached a controller that needs someone (a {@code Viewer}): sign in, not a 500. */
	@ExceptionHandler(AuthenticationException.class)
	ProblemDetail unauthenticated(AuthenticationException ex) {
		return ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Invalid request");
		problem.setDetail(errors.stream()
			.map(error -> error.get("field") + ": " + error.get("message"))
			.reduce((a, b) -> a + "; " + b)
			.orElse("The request is not valid"));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	/** A conversion failure's default message is Spring's own, naming Java types; the rules' reason is kept. */
	private static String fieldErrorMessage(FieldError error) {
		if (error.isBindingFailure()) {
			return error.contains(TypeMismatchException.class)
					? InputRules.RefusedInput.in(error.unwrap(TypeMismatchException.class)).map(Throwable::getMessage).orElse(UNREADABLE)
					: UNREADABLE;
		}
		return String.valueOf(error.getDefaultMessage());
	}

	private static String parameterName(MethodParameter parameter) {
		RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
		if (query != null && !query.name().isEmpty()) {
			return query.name();
		}
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null && !path.name().isEmpty()) {
			return path.name();
		}
		return String.valueOf(parameter.getParameterName());
	}

	/** Anything unexpected: logged in full, answered without a word of its internals. */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error in an API call", ex);
		return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
	}
}
