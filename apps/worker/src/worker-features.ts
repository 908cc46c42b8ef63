import { DynamicModule, Type } from '@nestjs/common';
import { ComplaintsWorkerModule } from '@crm/complaints';

/**
 * The feature modules that hold Bull processors. The worker process runs them; `npm start` runs
 * them inside the API process too (RUN_WORKER=true, the default), production runs them apart.
 * Features add their processor modules here as they arrive.
 */
export const WORKER_FEATURES: (Type | DynamicModule)[] = [ComplaintsWorkerModule];
