import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { CurrentAbility, CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { accessPackagePdf } from './access-package-pdf';
import { AccessRequestsService } from './access-requests.service';
import { AccessPackageDto, CompileAccessPackageDto } from './dto/access-package.dto';

@ApiTags('access-requests')
@ApiBearerAuth()
@ApiExtraModels(AccessPackageDto)
@Controller('api/v1')
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  /**
   * A POST, so that the purpose (often a request's reference) stays out of URLs and access logs;
   * nothing is created. The body's `format` picks JSON or the PDF in the subject's language.
   */
  @Post('subjects/:id/access-package')
  @HttpCode(200)
  @Policy('compile', 'AccessPackage', 'subject.compile_access_package')
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({
    description:
      'Everything held about the subject across agencies and who has seen it (Article 15): JSON, or with `format: "pdf"` an A4 PDF in `language`. Records the police or a health service hold are listed with whom to ask, not disclosed. Compiled, audited, never stored',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AccessPackageDto) } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async compile(
    @CurrentActor() actor: Actor,
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CompileAccessPackageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessPackageDto | Buffer> {
    const pkg = await this.requests.compile(actor, ability, id, body);
    if (body.format !== 'pdf') return pkg;
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', 'attachment; filename="access-package.pdf"');
    return accessPackagePdf(pkg);
  }
}
