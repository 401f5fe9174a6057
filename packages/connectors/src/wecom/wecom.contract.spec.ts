import { runConnectorContract } from '../contract';

runConnectorContract('wecom');
