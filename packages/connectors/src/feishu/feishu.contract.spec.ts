import { runConnectorContract } from '../contract';

runConnectorContract('feishu');
