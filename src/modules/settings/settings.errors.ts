import { NotFoundError } from '../../common/errors/domain-error';

/** Every code the settings module throws of its own (invalid values are VALIDATION_FAILED, from common/errors). */
export enum SettingsErrorCode {
  /** 404: no setting has this key; check the key. */
  SettingNotFound = 'SETTING_NOT_FOUND',
}

export class SettingNotFoundError extends NotFoundError {
  constructor(key: string) {
    super('la configuración', SettingsErrorCode.SettingNotFound, key);
  }
}
