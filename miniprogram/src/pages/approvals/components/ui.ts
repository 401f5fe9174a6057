/** NutUI components only the approvals sub-package uses (their JS and CSS stay in the sub-package). */
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag';
export { Button } from '../../../components/ui';
