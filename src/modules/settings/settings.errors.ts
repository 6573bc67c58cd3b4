import { NotFoundError } from '../../common/errors/domain-error';
import { SettingsErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { SettingsErrorCode };

export class SettingNotFoundError extends NotFoundError {
  constructor(key: string) {
    super('la configuración', SettingsErrorCode.SettingNotFound, key);
  }
}
