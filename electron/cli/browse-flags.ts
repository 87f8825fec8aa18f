// Flags of the browse and invoke commands beyond route-flags.ts's, each checked by the contract's own schema
// where it has one, so the CLI refuses before start-up exactly what the channel would refuse after it.
import { DeploymentName } from '../../shared/contract/schemas/endpoint';
import { ROUTE_VIAS } from '../../shared/contract/schemas/route';
import { ModelVersionsRequest } from '../../shared/contract/schemas/workspace';
import { oneOf, schemaCheck, wholeNumber, type FlagSpec } from './cli-command';

export const DEPLOYMENT: FlagSpec = { metavar: 'DEP', short: 'd', needs: 'a deployment name', help: "The deployment's name", check: schemaCheck(DeploymentName) };
export const MODEL: FlagSpec = { metavar: 'M', short: 'm', needs: 'a model name', help: "A model's name: list its versions (the model detail)", check: schemaCheck(ModelVersionsRequest.shape.modelName) };
export const TAIL: FlagSpec = { metavar: 'N', needs: 'a number of lines', help: 'How many of the newest lines (1-10000, default 300)', check: wholeNumber(1, 10_000) };
export const FIRST: FlagSpec = { metavar: 'N', needs: 'a number of rows', help: 'Only the first N that Azure lists (1-10000; default: all, up to 10000)', check: wholeNumber(1, 10_000) };
export const DATA: FlagSpec = { metavar: 'FILE', needs: "a file, or '-' for standard input", help: "The request body (JSON): a file, or '-' to read standard input", required: true };
export const INVOKE_VIA: FlagSpec = { metavar: 'VIA', needs: 'a route', help: `The private route: ${ROUTE_VIAS.join(', ')} (default: the one the environment and policy require that is up)`, check: oneOf(ROUTE_VIAS) };
