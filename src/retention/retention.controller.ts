import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { Clock } from '../clock/clock';
import { EraseSubjectDto, SubjectDto } from '../subjects/dto/subject.dto';
import { subjectView } from '../subjects/subject-view';
import { RetentionReportDto, RetentionRunListDto } from './dto/retention.dto';
import { retentionReportView, retentionRunsView } from './retention-view';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/v1')
export class RetentionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly clock: Clock,
  ) {}

  @Get('retention/next-run')
  @Policy('read', 'Retention', 'retention.preview')
  @ApiOkResponse({
    type: RetentionReportDto,
    description: 'What the next retention run would anonymise and delete, counted per kind: no names, no ids',
  })
  async nextRun(): Promise<RetentionReportDto> {
    return retentionReportView(await this.retention.preview());
  }

  @Get('retention/runs')
  @Policy('read', 'Retention', 'retention.list_runs')
  @ApiOkResponse({
    type: RetentionRunListDto,
    description: 'The last retention runs, newest first: when, and what each did, counted per kind (no names, no ids)',
  })
  async runs(): Promise<RetentionRunListDto> {
    return retentionRunsView(await this.retention.recentRuns());
  }

  @Post('subjects/:id/erasure')
  @Policy('erase', 'Subject', 'subject.anonymise')
  @ApiCreatedResponse({
    type: SubjectDto,
    description:
      'The subject anonymised now, as retention would (Article 17). 422 `open-case` (with the open records) or ' +
      '`legal-hold` (with the holds) and nothing changed; 409 `already-anonymised`',
  })
  async erase(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EraseSubjectDto,
  ): Promise<SubjectDto> {
    const { subject, identityVisible } = await this.retention.erase(ability, id, body);
    return subjectView(subject, identityVisible, this.clock.now());
  }
}
