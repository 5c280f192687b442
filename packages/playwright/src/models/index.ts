export { ClusterModel, NodeModel } from './cluster.js';
export { EmbedModel } from './embed.js';
export { InspectorModel } from './inspector.js';
export { LessonModel, type LessonSolution, type PlaySolutionOptions } from './lesson.js';
export { LinkModel } from './link.js';
export { MetricsModel } from './metrics.js';
export { PlacementModel, ShardModel } from './placement.js';
export { PlaybackModel } from './playback.js';
