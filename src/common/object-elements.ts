import { ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { registerConstraintSchema } from './dto-json-schema';
import { ELEMENT_CHECK_PREFIX, registerElementRule } from './validation-violations';

const OBJECTS = `${ELEMENT_CHECK_PREFIX}object`;
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
registerElementRule(OBJECTS, { rule: 'must be an object', isValid: isObject });
registerConstraintSchema(OBJECTS, { type: 'array', items: { type: 'object' } });

/**
 * Every element of an array of nested DTOs is an object. @ValidateNested alone accepts an array element that is
 * itself an array (it validates that array's elements instead): `{"actuals": [[]]}` passed and then failed as a 500.
 */
@ValidatorConstraint({ name: OBJECTS })
export class ObjectElements implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every(isObject);
  }
}
