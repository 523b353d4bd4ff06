import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController, DepartmentsController, UsersController } from './identity.controller.js';
import { IdentityService } from './identity.service.js';
import { DepartmentEntity, UserEntity } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, DepartmentEntity])],
  controllers: [AuthController, UsersController, DepartmentsController],
  providers: [IdentityService],
  exports: [IdentityService],
})
export class IdentityModule {}
