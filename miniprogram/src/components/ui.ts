/**
 * The NutUI-React-Taro components we use, imported per component with their own CSS so the
 * main package only carries what it renders (the full NutUI stylesheet is ~230 KB).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell';
