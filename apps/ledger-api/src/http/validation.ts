import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, InvalidRequestError } from './validation-error';

/** Unknown fields are refused, not dropped, so a typo never silently records less than was meant. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequestError(flattenValidationErrors(errors)),
  });
}
