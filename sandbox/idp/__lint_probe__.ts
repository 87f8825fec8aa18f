import { ERROR_DEFAULTS } from '../../shared/errors/codes';
export const x = [ERROR_DEFAULTS];
