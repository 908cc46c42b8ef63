export * from './roles';
export * from './access.decorator';
export * from './access.guard';
export * from './jwt-verifier';
export * from './current-principal.decorator';
export * from './signed-body';
