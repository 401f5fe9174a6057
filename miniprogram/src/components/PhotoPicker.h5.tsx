import { View, Text, Image } from '@tarojs/components';
import type { LocalPhoto, PhotoPickerProps } from './PhotoPicker';

export type { LocalPhoto, PhotoPickerProps };

/**
 * H5: a real `<input type="file" accept="image/*" capture="environment">` inside `#<id>` (phones open the
 * rear camera; browser tests call setInputFiles on `#<id> input[type=file]`). Each file becomes a blob: URL
 * that Taro.uploadFile sends as multipart `file`.
 */
export default function PhotoPicker({ id, photos, max, onChange }: PhotoPickerProps) {
  const onFiles = (e: { target: HTMLInputElement }) => {
    const input = e.target;
    const files = Array.from(input.files || []).filter((f) => !f.type || f.type.startsWith('image/'));
    const added = files.map((f) => ({ path: URL.createObjectURL(f), name: f.name || 'photo.jpg' }));
    if (added.length) onChange([...photos, ...added].slice(0, max));
    input.value = '';
  };
  return (
    <View id={id} className="photos" data-count={photos.length}>
      {photos.map((p, i) => (
        <View key={p.path} className="photos__item">
          <Image className="photos__img" src={p.path} mode="aspectFill" />
          <Text
            className="photos__remove"
            onClick={() => {
              URL.revokeObjectURL(p.path);
              onChange(photos.filter((_, j) => j !== i));
            }}
          >
            ×
          </Text>
        </View>
      ))}
      {photos.length < max && (
        <label className="photos__add">
          <Text>＋ 拍照</Text>
          <input type="file" accept="image/*" capture="environment" multiple={max - photos.length > 1} style={{ display: 'none' }} onChange={onFiles as never} />
        </label>
      )}
    </View>
  );
}
