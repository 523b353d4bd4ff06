import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module.js';
import { ProcessesController } from './processes.controller.js';
import { ProcessDefinitionEntity, ProcessVersionEntity } from './process.entity.js';
import { ProcessesRepository } from './processes.repository.js';
import { ProcessesService } from './processes.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProcessDefinitionEntity, ProcessVersionEntity]),
    IdentityModule,
  ],
  controllers: [ProcessesController],
  providers: [ProcessesService, ProcessesRepository],
  exports: [ProcessesService],
})
export class ProcessesModule {}
