// Asks before a destructive action, and shows why it failed if it did.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';

export function ConfirmDialog({
  isOpen,
  title,
  confirmLabel,
  children,
  onConfirm,
  onClose,
}: {
  isOpen: boolean;
  title: string;
  confirmLabel: string;
  children: React.ReactNode;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalTransition>
      {isOpen && (
        <Modal onClose={busy ? undefined : onClose} width="small" label={title}>
          <ModalHeader hasCloseButton>
            <ModalTitle appearance="danger">{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            {children}
            {error && (
              <SectionMessage appearance="error">
                <p>{error}</p>
              </SectionMessage>
            )}
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
              Cancel
            </Button>
            <Button appearance="danger" onClick={() => void confirm()} isLoading={busy}>
              {confirmLabel}
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
