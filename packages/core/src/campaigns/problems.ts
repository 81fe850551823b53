/**
 * One thing wrong with an input, named by its dotted field path (`budget.amountMicros`,
 * `targeting.cities.0`) so the API can list it in a problem+json `errors[]` as it is.
 */
export interface FieldProblem {
  path: string;
  message: string;
}
