import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { ServiceModule } from '@cirkel/runtime';
import { IDEAS_PERSISTENCE } from './ideas.persistence';
import { KnownOrganisationRepository } from './organisations/known-organisation.repository';
import { OrganisationDirectoryHandler } from './organisations/organisation-directory.handler';
import { IdeasController } from './ideas/ideas.controller';
import { MentorAcceptedHandler } from './ideas/mentor-accepted.handler';
import { IdeaRepository } from './ideas/idea.repository';
import { IdeaCollaborationRepository } from './ideas/idea-collaboration.repository';
import { IdeaService } from './ideas/idea.service';
import { IdeaViews } from './ideas/idea-views';

/**
 * Ideas: the idea pipeline (drafts, submission, stages with their history) and the directory of
 * partner organisations that lead them, kept from partners' events.
 */
@Module({})
export class IdeasModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return {
      module: IdeasModule,
      imports: [
        ServiceModule.forRoot({ config, persistence: IDEAS_PERSISTENCE }),
      ],
      controllers: [OrganisationDirectoryHandler, IdeasController, MentorAcceptedHandler],
      providers: [KnownOrganisationRepository, IdeaRepository, IdeaCollaborationRepository, IdeaService, IdeaViews],
    };
  }
}
