import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { TYPES } from '../modules/evidence/file-types';
import { PASSWORD_POLICY } from '../modules/identity/passwords';
import { Public } from '../modules/identity/policy/permission.decorator';
import { SettingsService } from '../modules/settings/settings.service';

class EvidenceTypeView {
  @ApiProperty({ example: 'pdf' }) key: string;
  @ApiProperty({ example: ['pdf'] }) extensions: string[];
  @ApiProperty({ example: 'application/pdf' }) mime: string;
}

class EvidenceRulesView {
  @ApiProperty({ description: 'Tamaño máximo de un archivo, en bytes.' }) maxBytes: number;
  @ApiProperty({ type: [EvidenceTypeView] }) allowedTypes: EvidenceTypeView[];
}

export class ClientConfigView {
  @ApiProperty({ description: 'Nombre de la institución (configuración institucion.nombre).' }) institutionName: string;
  @ApiProperty() passwordPolicy: string;
  @ApiProperty({ type: EvidenceRulesView }) evidence: EvidenceRulesView;
}

/**
 * What the web application needs before anyone signs in: the institution's
 * name for the header, the password policy, and the evidence rules it checks
 * before uploading (the server checks them again).
 */
@ApiTags('Aplicación web')
@Controller('api/v1/client-config')
export class ClientConfigController {
  constructor(
    private readonly config: AppConfig,
    private readonly settings: SettingsService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getClientConfig',
    summary: 'Configuración pública de la aplicación web: institución, política de contraseñas y reglas de la evidencia.',
  })
  @ApiOkResponse({ type: ClientConfigView })
  async get(): Promise<ClientConfigView> {
    const { institutionName } = await this.settings.documentSettings(null);
    return {
      institutionName,
      passwordPolicy: PASSWORD_POLICY,
      evidence: {
        maxBytes: this.config.get('EVIDENCE_MAX_BYTES'),
        allowedTypes: this.config
          .get('EVIDENCE_ALLOWED_TYPES')
          .split(',')
          .filter((k) => TYPES[k])
          .map((key) => ({ key, extensions: TYPES[key].extensions, mime: TYPES[key].mime })),
      },
    };
  }
}
