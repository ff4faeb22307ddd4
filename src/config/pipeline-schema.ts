/** The pipeline spec schema lives with the plans that carry it (core/plans/pipeline-spec.ts). */
export * from '../core/plans/pipeline-spec.ts';
