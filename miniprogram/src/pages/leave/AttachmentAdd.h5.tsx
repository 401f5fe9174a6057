import { Text } from '@tarojs/components';
import type { AttachmentAddProps, PickedImage } from './AttachmentAdd';

export type { AttachmentAddProps, PickedImage };

/**
 * H5: a real `<input type="file" accept="image/*">` (phones offer camera or album; browser tests call setInputFiles on
 * `#leave-attachment input[type=file]`). Each file becomes a blob: URL that Taro.uploadFile sends as multipart `file`.
 */
export default function AttachmentAdd({ max, onPicked }: AttachmentAddProps) {
  const onFiles = (e: { target: HTMLInputElement }) => {
    const input = e.target;
    const files = Array.from(input.files || []).filter((f) => !f.type || f.type.startsWith('image/'));
    const picked = files.slice(0, max).map((f) => ({ path: URL.createObjectURL(f), name: f.name || 'attachment.jpg' }));
    if (picked.length) onPicked(picked);
    input.value = '';
  };
  return (
    <label className="attach__add">
      <Text>＋ 拍照/选择图片</Text>
      <input type="file" accept="image/*" multiple={max > 1} style={{ display: 'none' }} onChange={onFiles as never} />
    </label>
  );
}
