package io.smartlinkd.discount;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded provider: codes minted here need no store, so every code exists as soon as it is made (store id 0)
 * and deleting is a no-op. Stateless and thread-safe.
 */
public final class LocalCodeProvider implements CodeProvider {
    @Override
    public List<ProvidedCode> create(List<String> codes) {
        List<ProvidedCode> created = new ArrayList<>(codes.size());
        for (String code : codes) {
            created.add(new ProvidedCode(code, 0L));
        }
        return created;
    }

    @Override
    public boolean mintedCodesExist() {
        return true;
    }

    @Override
    public void delete(List<ProvidedCode> codes) {
    }

    @Override
    public String name() {
        return "local";
    }
}
